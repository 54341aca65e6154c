"""The timeline's status rule (written in the chapter 'A timeline since 1991'): an event is
*claimed* when it rests on the word of a named party to the war, *assessed* when it rests on the
finding of a body outside the war, named in the note after 'Assessor:', and *confirmed* otherwise."""
from handbook import data


def test_every_claimed_event_names_who_claims_it():
    events = data.load("events")
    claimed = events[events["status"] == "claimed"]
    nameless = claimed[claimed["claimed_by"].isna()]["id"].tolist()
    assert not nameless, f"claimed events without claimed_by: {nameless}"


def test_every_assessed_event_names_its_assessor():
    events = data.load("events")
    assessed = events[events["status"] == "assessed"]
    nameless = assessed[~assessed["note"].fillna("").str.contains("Assessor:")]["id"].tolist()
    assert not nameless, f"assessed events whose note names no 'Assessor:': {nameless}"
