"""Airflow DAG for funnel-lake: the nightly pipeline and the weekly maintenance, via spark-submit.

Both tasks call jobs/spark-submit/funnel-submit from a checkout of the repository on the Airflow
worker (client deploy mode). Connections and secrets come from the worker's environment:
SPARK_HOME, SPARK_MASTER, FUNNEL_LAKEHOUSE, FUNNEL_LANDING and FUNNEL_PSEUDONYM_KEY (inject the
key from a secrets backend, never put it in this file).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

FUNNEL_HOME = "/opt/funnel-lake"
SUBMIT = f"{FUNNEL_HOME}/jobs/spark-submit/funnel-submit"

default_args = {
    "owner": "data-platform",
    "retries": 2,  # safe: idempotent ingest, atomic publish
    "retry_delay": timedelta(minutes=15),
    "email_on_failure": True,
}

with DAG(
    dag_id="funnel_lake_nightly",
    schedule="30 2 * * *",  # 02:30 UTC
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # never two runs on one lakehouse
    default_args=default_args,
    tags=["funnel-lake"],
) as nightly:
    BashOperator(
        task_id="nightly",
        # ds: the logical date (yyyy-MM-dd), so reruns and backfills are reproducible
        bash_command=f"{SUBMIT} nightly --run-date {{{{ ds }}}}",
        execution_timeout=timedelta(hours=3),
    )

with DAG(
    dag_id="funnel_lake_maintenance",
    schedule="0 5 * * 0",  # Sundays 05:00 UTC
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={**default_args, "retries": 1},
    tags=["funnel-lake"],
) as maintenance:
    BashOperator(
        task_id="maintenance",
        bash_command=f"{SUBMIT} maintenance",
        execution_timeout=timedelta(hours=4),
    )
