"""The library panel: post list, model and badges, post actions, folder watcher, import."""
