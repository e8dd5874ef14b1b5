"""Space pages: plain forms and lists; JavaScript adds live replies on threads."""
