print("corridor-central")
