print("corridor-edge")
