"""What is done with a register: JSON, spreadsheets, PDF, seeding. No Qt."""
