def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror: wallarm: wrote 7 files in ')
assert log.contains('meshmirror: wallarm: up to date, 7 files in ')
true
