from province_api.cli import main

raise SystemExit(main())
