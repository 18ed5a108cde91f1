"""The live servers serve the right surface over real HTTP."""

import requests


def test_live_surfaces_answer_health(live_public_url, live_admin_url):
    for base in (live_public_url, live_admin_url):
        response = requests.get(f"{base}/health/ready", timeout=5)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
