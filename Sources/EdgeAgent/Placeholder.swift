// EdgeAgent
