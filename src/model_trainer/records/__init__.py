"""Writers that render recorded events to files. They format; they never compute a new number."""
