"""A dump of the desk's database restores into a fresh database with the same claims,
verdict history and audit trail (scripts/backup.sh, pg_dump / pg_restore)."""

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from reviews.claims import set_verdict
from reviews.models import Event, VerdictRecord
from tests.factories import ClaimFactory, EditorFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_dump"),
        reason="needs PostgreSQL and its pg_dump/pg_restore",
    ),
]


def url_for(name: str) -> str:
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    user = settings["USER"] or "postgres"
    return f"postgresql://{user}@{host}:{port}/{name}"


def test_a_dump_restores_into_a_fresh_database_with_the_same_claims_and_history(tmp_path):
    editor = EditorFactory()
    claim = ClaimFactory(quote="the bridge cost 12 million euros")
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="15m", expected_version=1)
    expected = {
        "claims": [(claim.pk, "disputed", "15m")],
        "history": VerdictRecord.objects.count(),
        "events": Event.objects.count(),
    }
    dump = tmp_path / "desk.dump"
    source = url_for(connection.settings_dict["NAME"])
    subprocess.run(["sh", "scripts/backup.sh", "dump", source, str(dump)], cwd=ROOT, check=True)
    fresh = f"{connection.settings_dict['NAME']}_restored"
    admin = url_for("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        db.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(
            ["sh", "scripts/backup.sh", "restore", url_for(fresh), str(dump)], cwd=ROOT, check=True
        )
        with psycopg.connect(url_for(fresh)) as db:
            claims = db.execute("SELECT id, verdict, note FROM reviews_claim").fetchall()
            history = db.execute("SELECT count(*) FROM reviews_verdictrecord").fetchone()[0]
            events = db.execute("SELECT count(*) FROM reviews_event").fetchone()[0]
        assert {"claims": claims, "history": history, "events": events} == expected
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
