"""The Ray Serve render farm: the endpoint handler on a cluster's GPUs, one pipeline per replica."""
