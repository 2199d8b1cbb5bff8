#!/usr/bin/env python3
"""Builds a container base image tarball (docker-save format) from the local JDK, for Jib's tar:// base image
where no registry is reachable: a jlink runtime of the modules DisruptorX uses, the C libraries it links, a
non-root user dx (1000:1000) and writable /data and /tmp. No shell, no package manager.

    python3 deploy/image/jlink-base-image.py target/dx-base-image.tar
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

MODULES = ("java.base,java.logging,java.management,java.naming,java.net.http,java.xml,java.sql,"
           "jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs,java.instrument")


def linked_libraries(java_home):
    binaries = [os.path.join(java_home, "bin", "java")]
    for root, _, files in os.walk(os.path.join(java_home, "lib")):
        binaries += [os.path.join(root, f) for f in files if f.endswith(".so")]
    libraries = set()
    for binary in binaries:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
        for line in out.splitlines():
            for word in line.split():
                if word.startswith("/") and ".so" in word and not word.startswith(java_home):
                    libraries.add(word)
    return sorted(libraries)


def main(output):
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    work = tempfile.mkdtemp(prefix="dx-base-")
    rootfs = os.path.join(work, "rootfs")
    java_home = os.path.join(rootfs, "opt", "java")
    os.makedirs(os.path.dirname(java_home))
    subprocess.run(["jlink", "--add-modules", MODULES, "--strip-debug", "--no-header-files", "--no-man-pages",
                    "--compress=2", "--output", java_home], check=True)
    for library in linked_libraries(java_home):
        target = rootfs + library
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.realpath(library), target)
    for directory in ("etc", "tmp", "app", "data"):
        os.makedirs(os.path.join(rootfs, directory), exist_ok=True)
    with open(os.path.join(rootfs, "etc", "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/sbin/nologin\ndx:x:1000:1000:disruptorx:/app:/sbin/nologin\n")
    with open(os.path.join(rootfs, "etc", "group"), "w") as f:
        f.write("root:x:0:\ndx:x:1000:\n")

    def owner(info):
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 0
        if info.name in ("tmp",):
            info.mode = 0o1777
        if info.name == "data":
            info.uid = info.gid = 1000
        return info

    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for entry in sorted(os.listdir(rootfs)):
            tar.add(os.path.join(rootfs, entry), arcname=entry, filter=owner)
    layer_bytes = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LD_LIBRARY_PATH=/opt/java/lib"],
            "User": "1000:1000",
            "WorkingDir": "/app",
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "deploy/image/jlink-base-image.py"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": ["disruptorx-base:jlink"], "Layers": ["layer.tar"]}]
    with tarfile.open(output, "w") as image:
        for name, data in (("layer.tar", layer_bytes), (config_name, config_bytes),
                           ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            image.addfile(info, io.BytesIO(data))
    shutil.rmtree(work)
    print(f"{output}: {os.path.getsize(output) / 1e6:.1f} MB, layer {diff_id}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/dx-base-image.tar")
