"""Stack traces inside logs: the log compressor shows them as the trace compressor does (runs
of library frames behind its markers), keeping the exception lines, ``Caused by:`` lines,
the caller's own frames and the log's first and last lines."""

from __future__ import annotations

from tests.transforms._check import check_markers_pay, compress

_LIB = [
    "org.apache.maven.lifecycle.internal.MojoExecutor.doExecute2 (MojoExecutor.java:375)",
    "org.apache.maven.lifecycle.internal.MojoExecutor.doExecute (MojoExecutor.java:351)",
    "org.apache.maven.lifecycle.internal.MojoExecutor.execute (MojoExecutor.java:215)",
    "org.apache.maven.lifecycle.internal.LifecycleModuleBuilder.buildProject"
    " (LifecycleModuleBuilder.java:117)",
    "org.apache.maven.lifecycle.internal.LifecycleStarter.execute (LifecycleStarter.java:128)",
    "org.apache.maven.DefaultMaven.doExecute (DefaultMaven.java:298)",
    "org.apache.maven.DefaultMaven.execute (DefaultMaven.java:105)",
    "org.apache.maven.cli.MavenCli.execute (MavenCli.java:960)",
    "org.apache.maven.cli.MavenCli.doMain (MavenCli.java:293)",
    "org.apache.maven.cli.MavenCli.main (MavenCli.java:196)",
    "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0 (Native Method)",
    "java.lang.reflect.Method.invoke (Method.java:569)",
    "org.codehaus.plexus.classworlds.launcher.Launcher.launchEnhanced (Launcher.java:283)",
    "org.codehaus.plexus.classworlds.launcher.Launcher.main (Launcher.java:348)",
]


def _maven_log() -> str:
    lines = ["[INFO] Error stacktraces are turned on.", "[INFO] Scanning for projects..."]
    for k in range(8):
        lines.append(f"[INFO] --- step-{k}-plugin:3.{k}.0:run (default) @ inventory ---")
        lines.append(f"[INFO] step {k} finished in {k * 7 + 3} ms")
    lines += [
        "[INFO] BUILD FAILURE",
        "[ERROR] Failed to execute goal on project inventory: Compilation failure",
        "org.apache.maven.lifecycle.LifecycleExecutionException: Compilation failure",
        *(f"    at {f}" for f in _LIB),
        "Caused by: org.apache.maven.plugin.compiler.CompilationFailureException: failure",
        "    at org.apache.maven.plugin.compiler.AbstractCompilerMojo.execute"
        " (AbstractCompilerMojo.java:1309)",
        *(f"    at {f}" for f in _LIB),
        "[ERROR] ",
        "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
        "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException",
    ]
    return "\n".join(lines) + "\n"


def test_maven_trace_in_log_collapses_library_frames() -> None:
    text = _maven_log()
    r = compress(text)
    check_markers_pay(r)
    assert r.content_type == "log"
    out = r.compressed
    assert "library frames" in out
    assert "MavenCli.doMain (MavenCli.java:293)" not in out
    for kept in (
        "org.apache.maven.lifecycle.LifecycleExecutionException: Compilation failure",
        "Caused by: org.apache.maven.plugin.compiler.CompilationFailureException: failure",
        "[INFO] Error stacktraces are turned on.",
        "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException",
    ):
        assert kept in out
    assert r.savings_percent > 30


def _python_log() -> str:
    lines: list[str] = []
    for b in range(1, 9):
        lines.append(f"2026-12-03 19:51:51,{400 + b:03d} INFO [orders.worker] batch {b}: polling")
        lines.append(f"2026-12-03 19:51:51,{410 + b:03d} INFO [orders.worker] batch {b}: stored")
        if b == 5:
            lib = "/usr/lib/python3.11/http/client.py"
            lines += [
                "2026-12-03 19:51:51,443 ERROR [orders.worker] batch 5: rates unreachable",
                "Traceback (most recent call last):",
                '  File "/srv/orders/worker.py", line 49, in main',
                '    fetch_rates("http://127.0.0.1:9/rates.json")',
                '  File "/srv/orders/worker.py", line 22, in fetch_rates',
                "    with urllib.request.urlopen(url, timeout=2) as resp:",
                *(
                    row
                    for k, func in enumerate(["request", "_send_request", "endheaders", "send"])
                    for row in (
                        f'  File "{lib}", line {1294 + 40 * k}, in {func}',
                        f"    self.{func}_next(method, url, body, headers)",
                    )
                ),
                "ConnectionRefusedError: [Errno 111] Connection refused",
            ]
    lines.append("2026-12-03 19:51:51,451 INFO [orders.worker] done: 21 orders")
    return "\n".join(lines) + "\n"


def test_python_traceback_in_log_keeps_own_frames() -> None:
    text = _python_log()
    r = compress(text)
    check_markers_pay(r)
    assert r.content_type == "log"
    out = r.compressed
    assert "library frames" in out
    assert "in endheaders" not in out
    for kept in (
        "Traceback (most recent call last):",
        'File "/srv/orders/worker.py", line 49, in main',
        'File "/srv/orders/worker.py", line 22, in fetch_rates',
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "2026-12-03 19:51:51,451 INFO [orders.worker] done: 21 orders",
    ):
        assert kept in out


def _go_log() -> str:
    lines: list[str] = []
    for k in range(6):
        lines.append(f"2026/12/03 20:05:36 quote sku=B-{k} qty={k + 1}")
        lines.append(f"2026/12/03 20:05:36 client: GET /price?sku=B-{k} -> 200 OK")
    src = "/usr/lib/go-1.19/src/net/http/server.go"
    lines += [
        "2026/12/03 20:05:36 http: panic serving 127.0.0.1:33808: runtime error: index out of"
        " range [4] with length 3",
        "goroutine 31 [running]:",
        "main.priceHandler({0x749150?, 0xc00011c0e0}, 0xc0000fe700)",
        "\t/srv/pricing/main.go:24 +0x2e5",
        "net/http.HandlerFunc.ServeHTTP(0xc000049af0?, {0x749150?, 0xc00011c0e0?}, 0x0?)",
        f"\t{src}:2109 +0x2f",
        "net/http.(*ServeMux).ServeHTTP(0xc0000bc36b?, {0x749150, 0xc00011c0e0}, 0xc0000fe700)",
        f"\t{src}:2487 +0x149",
        "net/http.serverHandler.ServeHTTP({0xc0000975f0?}, {0x749150, 0xc00011c0e0}, 0xc0000fe700)",
        f"\t{src}:2947 +0x30c",
        "net/http.(*conn).serve(0xc0000aac80, {0x749540, 0xc00006e0c0})",
        f"\t{src}:1991 +0x607",
        "created by net/http.(*Server).Serve",
        f"\t{src}:3102 +0x4db",
    ]
    for k in range(4):
        lines.append(f"2026/12/03 20:05:37 quote sku=C-{k} qty={k + 2}")
    lines.append("2026/12/03 20:05:37 pricing service stopped")
    return "\n".join(lines) + "\n"


def test_go_stack_in_log_is_one_block() -> None:
    """A goroutine's frames (the call at indent 0, its file:line under it) continue the
    error line: the block keeps the own frame and collapses net/http's."""
    r = compress(_go_log())
    check_markers_pay(r)
    assert r.content_type == "log"
    out = r.compressed
    assert "library frames" in out
    assert "net/http.serverHandler.ServeHTTP" not in out
    assert "main.priceHandler({0x749150?, 0xc00011c0e0}, 0xc0000fe700)" in out
    assert "\t/srv/pricing/main.go:24 +0x2e5" in out
    assert "goroutine 31 [running]:" in out
