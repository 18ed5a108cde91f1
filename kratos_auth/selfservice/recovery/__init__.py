"""The recovery flow: regain access by an emailed code or link."""
