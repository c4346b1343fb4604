"""WordPress over its REST API with an application password."""
