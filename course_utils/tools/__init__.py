"""Course tooling that no notebook imports: the student edition builder."""
__all__: list[str] = []
