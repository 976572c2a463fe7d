"""Apps to the right of `cases` add sections and timeline sentences to the case page."""

import pytest
from django.urls import reverse

from sankofa.cases import extensions, services


@pytest.fixture
def test_panel(settings, tmp_path):
    (tmp_path / "test_panel.html").write_text(
        "<section id='test-panel'>{{ panel.greeting }} {{ case.number }}</section>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    seen = []

    def context(*, actor, case):
        seen.append((actor, case))
        return {"greeting": "Hello from a panel"}

    extensions.register_case_panel(
        extensions.CasePanel(key="test", template="test_panel.html", context=context)
    )
    yield seen
    extensions._panels.pop("test")


def test_a_registered_panel_is_rendered_on_the_case_page_with_the_acting_user(
    client, caseworker_a, case_a, test_panel
):
    client.force_login(caseworker_a)
    page = client.get(reverse("cases:detail", args=[case_a.number])).content.decode()
    assert f"<section id='test-panel'>Hello from a panel {case_a.number}</section>" in page
    assert test_panel == [(caseworker_a, case_a)]


def test_a_registered_timeline_sentence_is_used_for_its_event_kind(client, caseworker_a, case_a):
    extensions.register_timeline_texts({"test.event": lambda d: f"Something happened to {d['what']}"})
    services.timeline_record(case=case_a, actor=caseworker_a, kind="test.event", data={"what": "the case"})
    client.force_login(caseworker_a)
    page = client.get(reverse("cases:detail", args=[case_a.number])).content.decode()
    assert "Something happened to the case" in page
    extensions._timeline_texts.pop("test.event")
