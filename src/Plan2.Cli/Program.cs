using System.CommandLine;
using Plan2.Cli.Commands;

var root = new RootCommand("plan2: Plan2 Orleans work outside the live platform. Every command has --help.")
{
    ImportCommand.Create(),
    IndicatorsCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    BacktestCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
