"""The first-run assistant (`assistant.FirstRunAssistant`) and its Qt-free decisions (`places`)."""
