# The job's settings, read by every script here. Change the two lines below.
DB=/shared/project/interphase.sqlite   # the database, on a file system every node reads
SCREEN=(@electrolytes.txt --against LiCoO2 Li0.5CoO2 Li2RuO3 --conditions closed,3,4.5 --samples 200)
# For a coating search (./submit.sh coat) change COAT instead of SCREEN: the arguments of `interphase coat`.
COAT=(Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --samples 200)

# Usually left as they are (each may also be set in the environment).
SHARDS=${SHARDS:-16}                   # array tasks, one shard each
INTERPHASE=${INTERPHASE:-interphase}   # the program: on PATH, or its path
PYTHON=${PYTHON:-python3}              # with the module (built, not installed: PYTHONPATH=.../build/python)
# export PYTHONPATH=/path/to/build/python   # here if the tasks do not get the environment of the shell that submits
DATA=${DATA:-}                         # the data file that builds DB if it does not exist (default: the program's)
OUT=${OUT:-shards}                     # one file per task here
RESULT=${RESULT:-screen.csv}           # the merged result
COAT_FORMAT=${COAT_FORMAT:-markdown}   # the merged coating search: text, markdown, csv, json, svg or html
COAT_RESULT=${COAT_RESULT:-coat.md}    # ... written here
