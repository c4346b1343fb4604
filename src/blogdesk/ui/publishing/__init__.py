"""Publishing in the window: the Blog menu, options panel, worker calls, feedback, conflicts."""
