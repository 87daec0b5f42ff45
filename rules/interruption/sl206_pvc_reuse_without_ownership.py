"""A PVC reuse flag is on while a flag it depends on is off, so it does nothing.

## Why it matters
Spark only reuses claims the driver owns: `reusePersistentVolumeClaim` needs
`ownPersistentVolumeClaim=true`, and `waitToReusePersistentVolumeClaim` needs
both. Turning the later flag on alone looks like protection in review but has
no effect at run time.

## How to fix
Also set the missing flag(s) to `true`, or remove the setting that cannot work.

## Fix
Safe: sets the missing flag(s) to `true`, which is what the setting that is on
already asks for.

## Version notes
Up to Spark 3.3 own/reuse default to `false`, so setting only `reuse` is a
finding there; from 3.4 (EMR 6.12), or with an unknown version, they default to
`true` and only an explicit `false` is reported. On a release older than the
flag itself (reuse before Spark 3.2 / EMR 6.6, wait-to-reuse before 3.4 /
EMR 6.12) this rule stays silent: SL208 reports the flag as ignored, and turning
on its companions would only add more ignored keys.

## See also
SL204, SL205
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts

_NEEDS = {
    facts.REUSE_PVC: (facts.OWN_PVC,),
    facts.WAIT_PVC: (facts.OWN_PVC, facts.REUSE_PVC),
}
#: The release that introduced each flag; on an older known release the flag
#: itself does not exist, which SL208 reports (and adding its companions would
#: only add more ignored keys).
_FEATURE = {facts.REUSE_PVC: "pvc-reuse", facts.WAIT_PVC: "wait-to-reuse"}


@rule(code="SL206", name="pvc-reuse-without-ownership", severity=Severity.ERROR,
      summary="A PVC reuse flag is true while the flags it depends on are not.",
      target="job", doc=__doc__, fixable=True)
def pvc_reuse_without_ownership(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    for flag, needs in _NEEDS.items():
        if not facts.explicitly_true(job, flag) or facts.older_than(
                job, facts.FEATURE_SPARK[_FEATURE[flag]]):
            continue
        missing = [k for k in needs if facts.on(job, k) is False]
        if not missing:
            continue
        setting = facts.setting(job, flag)
        assert setting is not None
        yield Violation(
            at=setting.key_node,
            message=(f"{flag} is true but {' and '.join(missing)} "
                     f"{'is' if len(missing) == 1 else 'are'} not: the setting has no effect"),
            fix=enable(job, missing, "Turn on the PVC flags this one depends on"),
        )
