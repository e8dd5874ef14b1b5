"""The two things a benchmark measures: the echo ceiling and real conversations."""

from .harness import Daphne
from .load import Peer


def echo_peers(server: Daphne, *, clients: int, per_room: int = 2) -> list[Peer]:
    return [
        Peer(
            index=i,
            room=f"r{i // per_room}",
            url=server.ws_url(f"/ws/echo/r{i // per_room}/"),
            origin=server.origin,
        )
        for i in range(clients)
    ]


def conversation_peers(
    servers: list[Daphne], *, clients: int, per_room: int = 2
) -> list[Peer]:
    """Peers for `clients` bench members in conversations of `per_room` members.

    Members of one conversation are spread over the given servers (round robin).
    """
    from .fixtures import bench_conversations

    peers = []
    for room, cookies in bench_conversations(
        conversations=clients // per_room, size=per_room
    ):
        for position, cookie in enumerate(cookies):
            server = servers[position % len(servers)]
            peers.append(
                Peer(
                    index=len(peers),
                    room=room,
                    url=server.ws_url(f"/ws/conversations/{room}/"),
                    origin=server.origin,
                    cookie=cookie,
                )
            )
    return peers
