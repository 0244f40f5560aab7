// CentralService
