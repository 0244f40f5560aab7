// TestServices
