package dev.tally.cli.account;

import dev.tally.account.export.DataExports;
import dev.tally.account.export.ExportSpec;
import dev.tally.account.export.RequestJson;
import dev.tally.cli.Options;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.bcmdataexports.model.CreateExportRequest;

/** {@code tally export create}: the CUR 2.0 Data Export that carries IAM principal data. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "CUR 2.0 Data Exports with IAM principal data.",
        subcommands = ExportCommand.Create.class)
public final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates (or brings up to date) a CUR 2.0 export of every column with INCLUDE_IAM_PRINCIPAL_DATA=TRUE.",
                "So line_item_iam_principal and the iamPrincipal/ tags reach the files. The bucket needs a policy that lets "
                        + "billingreports.amazonaws.com and bcm-data-exports.amazonaws.com write to it."
            },
            footer = {
                "",
                "Example:",
                "  tally export create --name bedrock-cur2 --bucket acme-billing \\",
                "      --prefix cur2 --print"
            })
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AwsClientOptions aws;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "N",
                description = "Export name: letters, digits, '-' and '_'.")
        String name;

        @Option(names = "--bucket", required = true, paramLabel = "B", description = "S3 bucket the files go to.")
        String bucket;

        @Option(
                names = "--prefix",
                required = true,
                paramLabel = "P",
                description = "Key prefix in the bucket, e.g. cur2.")
        String prefix;

        @Option(
                names = "--bucket-region",
                paramLabel = "R",
                defaultValue = "us-east-1",
                description = "The bucket's region (default: ${DEFAULT-VALUE}).")
        String bucketRegion;

        @Option(
                names = "--format",
                paramLabel = "parquet|csv",
                defaultValue = "parquet",
                description = "File format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(
                names = "--granularity",
                paramLabel = "hourly|daily|monthly",
                defaultValue = "hourly",
                description = "Line item time granularity (default: ${DEFAULT-VALUE}).")
        String granularity;

        @Option(names = "--print", description = "Print the CreateExport request body instead of calling AWS.")
        boolean print;

        @Override
        public Integer call() {
            ExportSpec exportSpec = new ExportSpec(
                    name,
                    bucket,
                    prefix,
                    bucketRegion,
                    Options.choice(ExportSpec.Format.class, "--format", format),
                    Options.choice(ExportSpec.TimeGranularity.class, "--granularity", granularity));
            PrintWriter out = spec.commandLine().getOut();
            if (print) {
                out.println(RequestJson.of(CreateExportRequest.builder()
                        .export(exportSpec.export())
                        .build()));
                out.flush();
                return 0;
            }
            try (BcmDataExportsClient client = aws.clients().dataExports()) {
                DataExports.Outcome outcome = new DataExports(client).create(exportSpec);
                out.println(outcome.action().name().toLowerCase(Locale.ROOT) + " " + outcome.arn());
                out.flush();
                spec.commandLine()
                        .getErr()
                        .println("tally: AWS delivers the first files to s3://" + bucket + "/" + prefix
                                + "/ within 24 hours");
                return 0;
            }
        }
    }
}
