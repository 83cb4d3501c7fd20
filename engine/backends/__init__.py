"""Backends turn a generation request into a take: this machine, an endpoint, a provider."""
