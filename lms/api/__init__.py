"""Public REST API v1 (DRF + drf-spectacular): shared conventions; each app keeps its own views."""
