"""Object literals of methods (a module's exports, a prototype, a component's options) are
walked into as class bodies are: each method, getter, setter and function-valued property
keeps its signature, not one marker for the whole object."""

from __future__ import annotations

from tests.transforms._check import compress

_JS = """'use strict';

const util = require('util');

module.exports = {
  /**
   * Return the request header.
   */
  get header() {
    return this.req.headers;
  },

  set header(val) {
    this.req.headers = val;
  },

  matches(...types) {
    const list = types.flat();
    if (!list.length) return false;
    const found = list.find((t) => this.type === t);
    return found || false;
  },

  lookup: function (field) {
    const headers = this.req.headers;
    switch (field = field.toLowerCase()) {
      case 'referer':
      case 'referrer':
        return headers.referrer || headers.referer || '';
      default:
        return headers[field] || '';
    }
  },

  describe: (prefix) => {
    const parts = [prefix, 'session', util.format('%d', Date.now())];
    return parts.join(':');
  },

  async fetchAll(ids) {
    const out = [];
    for (const id of ids) out.push(await this.fetch(id));
    return out;
  },

  toJSON() {
    return {
      method: this.method,
      url: this.url,
      header: this.header,
    };
  },
};
"""


def test_module_exports_object_keeps_every_method_getter_and_setter() -> None:
    r = compress(_JS, content_type="javascript")
    out = r.compressed
    assert "omitted object" not in out
    # Short bodies go behind one marker after the object's opening (braces kept: a method
    # of an object needs a body), longer ones behind their own.
    assert "module.exports = { /* [omitted 6 short bodies (shown as { … }); id=o1] */\n" in out
    for signature in (
        "  get header() { /* … */ },",
        "  set header(val) { /* … */ },",
        "  matches(...types) { /* … */ },",
        "  describe: (prefix) => { /* … */ },",
        "  async fetchAll(ids) { /* … */ },",
        "  toJSON() { /* … */ },",
    ):
        assert signature in out
    assert "  lookup: function (field) { /* [omitted 8 lines; id=o2] */ }," in out
    assert "   * Return the request header.\n" in out


_TS = """import { defineComponent } from 'vue';

export default defineComponent({
  name: 'DataTable',
  props: {
    rows: { type: Array, required: true },
    pageSize: { type: Number, default: 20 },
    sortKey: { type: String, default: 'id' },
    striped: { type: Boolean, default: false },
    caption: { type: String, default: '' },
  },
  data(): { page: number; filter: string } {
    return { page: 0, filter: '' };
  },
  computed: {
    pages(): number {
      const n = this.rows.length;
      return Math.max(1, Math.ceil(n / this.pageSize));
    },
    visible(): unknown[] {
      const start = this.page * this.pageSize;
      const sorted = [...this.rows].sort(byKey(this.sortKey));
      return sorted.slice(start, start + this.pageSize);
    },
  },
  methods: {
    next(): void {
      if (this.page + 1 < this.pages) {
        this.page += 1;
        this.$emit('page', this.page);
      }
    },
    reset(): void {
      this.page = 0;
      this.filter = '';
      this.$emit('page', 0);
    },
  },
});
"""


def test_component_options_keep_computed_and_methods_names() -> None:
    # (the options object's own functions are few, but its computed and methods objects
    # are all functions: it is a set of definitions)
    r = compress(_TS, content_type="typescript")
    out = r.compressed
    assert "    pages(): number { /* [omitted 2 lines; id=o1] */ }," in out
    assert "    visible(): unknown[] { /* [omitted 3 lines; id=o2] */ }," in out
    assert "    next(): void { /* [omitted 4 lines; id=o3] */ }," in out
    assert "    reset(): void { /* [omitted 3 lines; id=o4] */ }," in out
    assert "  props: {\n    rows: { type: Array, required: true },\n" in out  # values stay


def test_a_data_object_with_one_callback_is_still_a_value() -> None:
    rows = "".join(f"  key{i}: 'value number {i} of the table',\n" for i in range(30))
    src = f"export const TABLE = {{\n{rows}  format(v) {{\n    return String(v);\n  }},\n}};\n"
    out = compress(src, content_type="javascript").compressed
    assert "export const TABLE = { /* [omitted object of 31 items;" in out
