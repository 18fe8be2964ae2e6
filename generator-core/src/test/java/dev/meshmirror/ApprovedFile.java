package dev.meshmirror;

import java.io.File;
import java.nio.file.Path;
import org.approvaltests.core.Options;
import org.approvaltests.namer.ApprovalNamer;

/**
 * An ApprovalTests namer for approved files that live where a reviewer looks for them (next to an
 * example or a corpus spec) rather than next to the test class.
 *
 * @param approved the approved file
 * @param received where a mismatching result is written (ignored by Git)
 */
record ApprovedFile(Path approved, Path received) implements ApprovalNamer {

  /** Options for {@code Approvals.verify} that compare against {@code approved}. */
  static Options at(Path approved, Path received) {
    return new Options().forFile().withNamer(new ApprovedFile(approved, received));
  }

  @Override
  public String getApprovalName() {
    return approved.getFileName().toString();
  }

  @Override
  public String getSourceFilePath() {
    return approved.getParent() + File.separator;
  }

  @Override
  public File getApprovedFile(String extensionWithDot) {
    return approved.toFile();
  }

  @Override
  public File getReceivedFile(String extensionWithDot) {
    return received.toFile();
  }

  @Override
  public ApprovalNamer addAdditionalInformation(String info) {
    return this;
  }

  @Override
  public String getAdditionalInformation() {
    return "";
  }
}
