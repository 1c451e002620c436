"""Realistic inputs per content kind, generated deterministically (no files needed)."""

from __future__ import annotations

import json
import random

PYTHON_SOURCE = '''#!/usr/bin/env python3
# Copyright 2024 Example Corp.
# Licensed under the Apache License, Version 2.0.
"""Inventory service: reservations, stock levels and the HTTP handlers.

Longer description that goes on
for several lines.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from typing import ClassVar, Protocol

log = logging.getLogger(__name__)

MAX_RESERVATION_MINUTES = 45
DEFAULT_WAREHOUSES = (
    "ams-1", "ams-2", "fra-1", "fra-2", "lhr-1", "lhr-2", "cdg-1", "cdg-2",
    "mad-1", "mad-2", "waw-1", "waw-2", "arn-1", "arn-2", "hel-1", "hel-2",
)


class StockError(RuntimeError):
    """Raised when stock would go negative."""


class Store(Protocol):
    def load(self, sku: str) -> int: ...


@dataclasses.dataclass(frozen=True)
class Reservation:
    """A hold on stock for one order."""

    sku: str
    quantity: int
    order_id: str
    ttl_minutes: int = MAX_RESERVATION_MINUTES
    registry: ClassVar[dict[str, int]] = {}

    def expired(self, now: float, created: float) -> bool:
        """True once the hold has lapsed."""
        elapsed = (now - created) / 60
        if elapsed < 0:
            raise ValueError("clock went backwards")
        return elapsed > self.ttl_minutes

    @property
    def key(self) -> str:
        return f"{self.order_id}:{self.sku}"


class Inventory:
    """Stock levels per SKU with reservations."""

    def __init__(self, store: Store, warehouses: Iterable[str] = DEFAULT_WAREHOUSES) -> None:
        self._store = store
        self._warehouses = list(warehouses)
        self._held: dict[str, int] = {}
        log.info("inventory ready with %d warehouses", len(self._warehouses))

    async def reserve(self, sku: str, quantity: int, *, order_id: str) -> Reservation:
        """Hold ``quantity`` units of ``sku`` for ``order_id``."""
        available = self._store.load(sku) - self._held.get(sku, 0)
        if quantity > available:
            raise StockError(f"only {available} of {sku} left")
        self._held[sku] = self._held.get(sku, 0) + quantity
        return Reservation(sku, quantity, order_id)

    def release(self, reservation: Reservation) -> None:
        held = self._held.get(reservation.sku, 0)
        self._held[reservation.sku] = max(0, held - reservation.quantity)
        log.debug("released %s", reservation.key)

    @staticmethod
    def parse_sku(raw: str) -> tuple[str, int]:
        prefix, _, number = raw.partition("-")
        if not number.isdigit():
            raise ValueError(raw)
        return prefix.upper(), int(number)


def handle_reserve(inventory: Inventory, payload: dict[str, object]) -> dict[str, object]:
    """HTTP handler: POST /reservations."""
    sku = str(payload["sku"])
    quantity = int(str(payload.get("quantity", 1)))
    try:
        prefix, number = Inventory.parse_sku(sku)
    except ValueError:
        return {"status": 400, "error": "bad sku"}
    return {"status": 201, "sku": f"{prefix}-{number}", "quantity": quantity}


if __name__ == "__main__":
    import sys

    print(handle_reserve(Inventory(store=None), {"sku": sys.argv[1]}))  # type: ignore[arg-type]
'''

TYPESCRIPT_SOURCE = """// Licensed MIT. Order pipeline.
import { EventEmitter } from "events";
import type { Order, LineItem } from "./types";

export const MAX_RETRIES = 5;

export interface PaymentGateway {
  charge(orderId: string, cents: number): Promise<string>;
  refund(chargeId: string): Promise<void>;
}

export type OrderState = "new" | "paid" | "shipped" | "cancelled";

export enum Priority {
  Low = 1,
  High = 2,
}

export class OrderPipeline extends EventEmitter {
  private readonly gateway: PaymentGateway;
  private attempts = 0;

  constructor(gateway: PaymentGateway) {
    super();
    this.gateway = gateway;
    this.attempts = 0;
  }

  async pay(order: Order): Promise<string> {
    const total = order.items.reduce((sum: number, item: LineItem) => sum + item.cents, 0);
    for (let i = 0; i < MAX_RETRIES; i++) {
      try {
        return await this.gateway.charge(order.id, total);
      } catch (err) {
        this.attempts += 1;
        this.emit("retry", order.id, err);
      }
    }
    throw new Error(`payment failed for ${order.id}`);
  }

  cancel(order: Order): OrderState {
    this.emit("cancelled", order.id);
    if (order.items.length === 0) {
      return "new";
    }
    return "cancelled";
  }
}

export function totalCents(items: LineItem[]): number {
  let total = 0;
  for (const item of items) {
    total += item.cents * item.quantity;
  }
  return total;
}

export const formatCents = (cents: number): string => {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, "0");
  return `${euros}.${rest}`;
};
"""

JAVASCRIPT_SOURCE = """'use strict';
/**
 * Tiny HTTP router.
 */
const http = require('http');
const { parse } = require('url');

const DEFAULT_PORT = 8080;

class Router {
  constructor() {
    this.routes = new Map();
    this.middleware = [];
  }

  get(path, handler) {
    this.routes.set('GET ' + path, handler);
    return this;
  }

  handle(req, res) {
    const { pathname } = parse(req.url);
    const handler = this.routes.get(req.method + ' ' + pathname);
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    handler(req, res);
  }
}

function listen(router, port = DEFAULT_PORT) {
  const server = http.createServer((req, res) => router.handle(req, res));
  server.listen(port);
  console.log('listening on', port);
  return server;
}

module.exports = { Router, listen, DEFAULT_PORT };
"""

GO_SOURCE = """// Package cache implements an LRU cache with TTLs.
package cache

import (
	"container/list"
	"sync"
	"time"
)

// DefaultTTL is used when none is given.
const DefaultTTL = 5 * time.Minute

type entry struct {
	key     string
	value   []byte
	expires time.Time
}

// Cache is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	ll    *list.List
	items map[string]*list.Element
	max   int
}

// New makes a cache holding at most max entries.
func New(max int) *Cache {
	return &Cache{
		ll:    list.New(),
		items: make(map[string]*list.Element),
		max:   max,
	}
}

// Get returns the value for key, if present and fresh.
func (c *Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*entry)
	if time.Now().After(e.expires) {
		c.ll.Remove(el)
		delete(c.items, key)
		return nil, false
	}
	c.ll.MoveToFront(el)
	return e.value, true
}

// Put stores value under key.
func (c *Cache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		el.Value.(*entry).value = value
		return
	}
	c.items[key] = c.ll.PushFront(&entry{key, value, time.Now().Add(DefaultTTL)})
	if c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*entry).key)
	}
}
"""

RUST_SOURCE = """//! Token bucket rate limiter.
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const DEFAULT_RATE: u32 = 100;

#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

pub trait Clock {
    fn now(&self) -> Instant;
}

pub enum Decision {
    Allow,
    Deny { retry_after: Duration },
}

pub struct Limiter {
    rate: u32,
    buckets: HashMap<String, Bucket>,
}

impl Limiter {
    pub fn new(rate: u32) -> Self {
        Limiter {
            rate,
            buckets: HashMap::new(),
        }
    }

    pub fn check(&mut self, key: &str, now: Instant) -> Decision {
        let rate = self.rate as f64;
        let fresh = Bucket { tokens: rate, last: now };
        let bucket = self.buckets.entry(key.to_string()).or_insert(fresh);
        let elapsed = now.duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Decision::Allow
        } else {
            Decision::Deny { retry_after: Duration::from_secs_f64(1.0 / rate) }
        }
    }
}

fn helper_refill(bucket: &mut Bucket, amount: f64) {
    bucket.tokens += amount;
    if bucket.tokens < 0.0 {
        bucket.tokens = 0.0;
    }
}
"""

JAVA_SOURCE = """/*
 * Copyright (c) 2024 Example.
 */
package com.example.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Computes invoices. */
public class InvoiceService {
    public static final int MAX_LINES = 500;
    private final TaxTable taxes;

    public InvoiceService(TaxTable taxes) {
        this.taxes = taxes;
        if (taxes == null) {
            throw new IllegalArgumentException("taxes");
        }
    }

    public BigDecimal total(List<Line> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line line : lines) {
            sum = sum.add(line.amount());
        }
        return sum.add(taxes.on(sum));
    }

    @Override
    public String toString() {
        return "InvoiceService(" + taxes + ")";
    }

    public interface TaxTable {
        BigDecimal on(BigDecimal amount);
    }

    public record Line(String sku, BigDecimal amount) {}
}
"""


def api_records(n: int = 400, seed: int = 7) -> tuple[str, dict[str, int]]:
    """A JSON API response; returns the text and the indices of planted anomalies."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        items.append(
            {
                "id": f"req-{10000 + i}",
                "service": "checkout",
                "region": rng.choice(["eu-west-1", "eu-central-1"]),
                "status": "ok",
                "latency_ms": rng.randint(20, 60),
                "user": {"id": rng.randint(1, 500), "tier": rng.choice(["free", "pro"])},
            }
        )
    planted = {"error": 137, "outlier": 250, "rare_status": 300, "extra_field": 333}
    items[137]["status"] = "error"
    items[137]["error"] = "upstream timeout after 3000ms"
    items[250]["latency_ms"] = 98765
    items[300]["status"] = "degraded"
    items[333]["debug_trace"] = "cache-miss:shard-7"
    doc = {"page": 1, "total": n, "items": items, "next": None}
    return json.dumps(doc, indent=2), planted


def app_log(lines: int = 3000, seed: int = 3) -> str:
    rng = random.Random(seed)
    out = []
    t = 0
    for i in range(lines):
        t += rng.randint(1, 900)
        hh, mm, ss = 8 + t // 3600000, (t // 60000) % 60, (t // 1000) % 60
        ts = f"2024-03-01T{hh:02d}:{mm:02d}:{ss:02d}.{t % 1000:03d}Z"
        r = rng.random()
        if i == 1200:
            out.append(f"{ts} ERROR worker-3 payment failed for order ord-88412: card declined")
            out.append("Traceback (most recent call last):")
            out.append('  File "/srv/app/pay.py", line 88, in charge')
            out.append("    resp = gateway.charge(order)")
            out.append("gateway.CardDeclined: card declined (code 51)")
        elif i == 2000:
            out.append(f"{ts} WARN scheduler queue depth 9182 exceeds soft limit 5000")
        elif i == 2500:
            out.append(f"{ts} INFO config reloaded from /etc/app/config.yaml by admin")
        elif r < 0.6:
            out.append(
                f"{ts} INFO http GET /api/items/{rng.randint(1, 9999)} 200 {rng.randint(2, 80)}ms"
            )
        elif r < 0.9:
            out.append(f"{ts} DEBUG cache hit key=item:{rng.randint(1, 9999)}")
        else:
            worker, jobs = rng.randint(1, 8), rng.randint(10, 99)
            out.append(f"{ts} INFO worker-{worker} processed batch of {jobs} jobs")
    return "\n".join(out) + "\n"


MARKDOWN_DOC = """# Incident review: checkout outage

## Summary

On 2024-03-01 the checkout service returned errors for 47 minutes. About 12% of orders failed.
The team restored service by rolling back release v2.31.4. Customers saw a generic error page.
Nobody was paged for the first ten minutes because the alert was routed to an old channel.

## Timeline

The first alert fired at 08:14 UTC. The on-call engineer acknowledged it at 08:24 UTC.
Engineers looked at dashboards for a while. They discussed possible causes in the channel.
Several theories were considered and discarded. The conversation went back and forth.
The rollback started at 08:52 UTC and finished at 09:01 UTC.

## Root cause

A configuration change set `pool_size` to zero for the payments client. Requests queued
until they timed out. The change passed review because the diff looked harmless.
Reviewers are busy and small diffs get less attention. This is a well known problem.
It is a common pattern in many organisations. Everyone agrees it should be better.

## Follow-up

Ticket OPS-4411 tracks adding validation for pool settings. Maria Lopez owns the alert routing fix.
We will also run a game day. The game day will exercise the rollback path.
Communication during incidents can always improve. Teams should talk to each other more.
Good communication helps everyone. It makes incidents shorter and less stressful.
"""


def tech_doc(sections: int = 10) -> str:
    """Package documentation where nearly every sentence carries an identifier or a number."""
    topics = [
        "cache",
        "queue",
        "retry",
        "shard",
        "index",
        "lease",
        "batch",
        "proxy",
        "token",
        "audit",
    ]
    out = ["Metadata-Version: 2.4", "Name: widgetkit", "Version: 3.8.1"]
    out += [f"Requires-Dist: {t}lib>=1.{k}.0" for k, t in enumerate(topics[:5])]
    out += [f"Provides-Extra: {t}" for t in topics]
    out += ["", "# widgetkit", ""]
    for n in range(sections):
        t = topics[n % len(topics)]
        out += [
            f"## The `{t}` module",
            "",
            f"The `{t}_manager` object owns every `{t}` handle and exposes `{t}.open()` and "
            f"`{t}.close()`. Call `{t}_manager.start()` before the first request, otherwise "
            f"`WidgetError` is raised. The `{t}_manager` keeps its handles in a `{t}_pool` that "
            f"grows on demand. Each handle in the `{t}_pool` is reused by `{t}.open()` when it is "
            f"idle. The `{t}_pool` is shared by all threads that call `{t}.open()`.",
            "",
            f"Set `{t}.max_size` to {64 * (n + 1)} to bound the `{t}_pool`; the default is "
            f"{32 + n}. The `--{t}-verbose` flag logs every `{t}.open()` call. When "
            f"`{t}.max_size` is reached, `{t}.open()` waits for a handle to be released. "
            f"Handles that stay idle are closed by the `{t}_reaper` thread. The `{t}_reaper` "
            f"runs every few seconds and logs what it closed with `--{t}-verbose`.",
            "",
            f"- `{t}.timeout`: seconds to wait in `{t}.open()` (default {5 + n})",
            f"- `{t}.retries`: how often `{t}.open()` tries again",
            f"- `{t}.backoff`: how `{t}.open()` waits between tries",
            f"- `{t}.on_error`: callback for `{t}.open()` failures",
            "",
            "```python",
            f"mgr = {t}_manager(max_size={64 * (n + 1)})",
            "mgr.start()",
            "```",
            "",
        ]
    return "\n".join(out)
