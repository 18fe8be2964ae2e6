def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror: wallarm: wrote 8 files in ')
assert log.contains('meshmirror: wallarm: up to date, 8 files in ')
true
