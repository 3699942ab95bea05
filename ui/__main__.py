from ui.main import main

raise SystemExit(main())
