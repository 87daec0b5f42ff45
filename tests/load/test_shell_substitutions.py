"""The shell reader: backquoted substitutions read like ``$( )``, pipelines linked."""

from __future__ import annotations

from spotlint.load.shell import read_commands, start_job_run_args


def test_a_call_inside_backticks_is_found_like_one_inside_dollar_parens() -> None:
    for text in ("ID=`aws emr-containers start-job-run --name a`\n",
                 "ID=$(aws emr-containers start-job-run --name a)\n"):
        commands = read_commands(text)
        calls = [c for c in commands if start_job_run_args(c) is not None]
        assert len(calls) == 1 and calls[0].nested
        outer = [c for c in commands if not c.nested]
        assert [w.text for w in outer[0].words] == ["ID=$(aws)"]


def test_backquoted_here_document_is_the_word() -> None:
    text = "X=`cat <<EOF\n{\"a\": 1}\nEOF\n`\necho $X\n"
    first = read_commands(text)[0]
    assert first.words[0].text == 'X={"a": 1}\n'


def test_pipelines_link_the_reader() -> None:
    commands = read_commands("cat <<EOF | kubectl apply -f -\na: 1\nEOF\ntrue || false && echo\n")
    cat, kubectl, true, false, echo = commands
    assert cat.pipe is kubectl and kubectl.pipe is None
    assert true.pipe is None and false.pipe is None and echo.pipe is None
    assert cat.heredocs[0].text == "a: 1\n"
