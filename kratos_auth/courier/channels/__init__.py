"""Delivery channels (``smtp``, ``http``), picked by ``courier.delivery_strategy``."""
