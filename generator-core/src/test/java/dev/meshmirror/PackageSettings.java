package dev.meshmirror;

import org.approvaltests.reporters.JunitReporter;

/**
 * ApprovalTests settings for every test under dev.meshmirror: a mismatch fails as a plain JUnit
 * assertion with the diff (no diff tool is started, no empty approved file is written). To approve
 * new output, see README.md ("Golden files").
 */
public class PackageSettings {
  public static Object UseReporter = JunitReporter.INSTANCE;
}
