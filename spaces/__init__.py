"""Peer spaces: private communities of one profession, led by a peer (issue 14)."""
