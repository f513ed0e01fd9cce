@echo off
rem The `anchorage` command shipped inside the desktop app (resources\cli). Add this folder to PATH.
rem Runs the bundled CLI with Node.js (>= 20.19), which must be installed.
node "%~dp0anchorage.mjs" %*
