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
