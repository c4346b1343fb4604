"""The live preview: the web view, the controller that feeds it, its private URL scheme."""
