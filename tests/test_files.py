"""Files are written whole or not at all."""
from handbook import files


def test_write_atomically_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "out" / "file.js"
    files.write_atomically(target, "old")

    class Boom(Exception):
        pass

    def fail(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(files.os, "replace", fail)
    try:
        files.write_atomically(target, "new")
    except Boom:
        pass
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["file.js"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_write_atomically_writes_bytes_as_they_are(tmp_path):
    target = tmp_path / "pack.zip"
    data = b"PK\x03\x04\x00\xff\r\n"
    files.write_atomically(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["pack.zip"]


def test_cached_makes_once_and_reads_back_text_or_bytes(tmp_path):
    made = []

    def make_text():
        made.append("text")
        return "é drawn"

    assert files.cached(tmp_path / "a.svg", make_text) == "é drawn"
    assert files.cached(tmp_path / "a.svg", make_text) == "é drawn" and made == ["text"]
    assert files.cached(tmp_path / "b.png", lambda: b"\x89PNG", binary=True) == b"\x89PNG"
    assert files.cached(tmp_path / "b.png", lambda: b"other", binary=True) == b"\x89PNG"
    assert files.cached(None, make_text) == "é drawn" and made == ["text", "text"]
