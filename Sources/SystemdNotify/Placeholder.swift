// SystemdNotify
