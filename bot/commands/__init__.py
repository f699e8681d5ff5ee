"""Transport-neutral chat commands: parse "!quotes Kirby", call the service, return reply models."""
