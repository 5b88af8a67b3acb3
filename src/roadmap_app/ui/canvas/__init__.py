"""The graph canvas: scene, items, view and image export."""
