import TriageCommands
SmileTriage.main()
