"""What the operators see: JSON logs with a request id, and Prometheus metrics.

- `context`: the request id of what is running (a request, or a task it enqueued);
- `logs`: the JSON formatter and the filter that puts the request id on every line;
- `middleware`: gives each request its id (or keeps the proxy's X-Request-ID),
  logs it, counts it and times it by route;
- `asgi`: counts the open WebSockets;
- `tasks`: carries the request id into the tasks a request enqueued;
- `metrics`: the registry, the probes apps register, and the `/metrics` view.
"""
