// CorridorModelTests
