"""Every write and side effect goes through a service named ``<entity>_<action>``."""
