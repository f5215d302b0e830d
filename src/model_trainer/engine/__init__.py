"""Running user code safely: the child process, the monitor it sees, and the supervisor."""
