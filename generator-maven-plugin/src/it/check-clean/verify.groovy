def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror: wallarm: ') && log.contains('src/main/manifests/wallarm is up to date')
assert log.contains('BUILD SUCCESS')
true
