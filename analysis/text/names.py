"""Word lists for finding people's names without a language model; all lower case.

``FIRST_NAMES`` are common UK first names (children's names of the last twenty years and
their parents' and teachers') that are not ordinary English words, so a capitalised one is
taken for a name anywhere. ``WORD_NAMES`` are names that are also ordinary words ("Will",
"May", "Grace"): one is a name only after a cue ("my sister Grace", "I'm Will") or before
a surname from ``SURNAMES``, which holds only surnames that are not ordinary words.
``COMMON_WORDS`` are never taken for a name, even after a cue ("I'm Scared", "called the
police", "my mum Said").
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_NAMES = _words(
    """
    olivia amelia isla ava mia isabella sophia ella evie sienna charlotte emily freya
    harper rosie evelyn sophie chloe jessica matilda alice phoebe erin maya hannah
    scarlett layla millie eva imogen esme aria thea amelie molly emma zara lucy lola
    georgia bella megan abigail katie lauren eleanor maisie niamh aisha fatima maryam
    zainab amira hafsa khadija aaliyah leah caitlin shannon chantelle kayleigh courtney
    bethany rebecca rachel sarah laura nicola claire kelly lisa karen tracey tracy joanne
    julie susan helen deborah debbie michelle amanda samantha stacey natalie gemma
    danielle jennifer jenny victoria elizabeth catherine kate katherine kathryn louise
    paula angela donna wendy sharon lynne linda margaret patricia barbara jean mary anne
    jane ruth janet gillian alison fiona yvonne beverley maria anna lara mollie tilly
    hollie lacey jasmine keira kira tia nadia sana ayesha hira iqra noor mariam zoe
    naomi abbie abby amy beth chelsie demi ellie elsie eliza gracie hayley
    jodie kirsty leanne lindsey lydia mandy melissa natasha paige shauna sian siobhan
    stephanie tanya vicky yasmin aleena anaya arabella aurora cora delilah edie
    elodie florence hallie kaitlyn lexi lilly lyla mabel margot nancy orla
    penelope robyn sadie sara thalia valentina vanessa wren esther miriam hilary julia
    oliver george noah arthur muhammad mohammed mohammad mohamed leo oscar harry archie
    henry charlie freddie theo thomas alfie jacob william isaac james joshua lucas
    finley teddy alexander edward ethan logan daniel samuel sebastian adam harrison
    reuben tommy hugo albert louie arlo elijah toby jude rory ronnie ralph mason dylan
    riley kai aiden ayaan yusuf ibrahim omar zayn hamza ryan liam kyle callum connor
    jordan bradley lewis jamie nathan luke ben benjamin matthew michael david andrew
    paul steven stephen richard robert john peter christopher chris simon gary darren
    craig jason neil ian kevin martin anthony tony wayne shaun sean carl stuart graham
    keith colin barry trevor dave steve mike jim jimmy billy danny joe joseph jake
    kieran declan patrick owen evan rhys gareth aaron adrian alan brian derek kenneth
    roger philip phil nigel timothy vincent jon jonathan tyler jayden kayden harvey
    frankie sonny stanley jenson elliot elliott alex sam tom jack joel zac zachary
    zak ashton brandon cameron corey dominic fraser josh kian lennon luca marcus
    mohsin nathaniel niall oakley ollie reece ricky scott shane tariq tobias
    usman xavier yahya zain bilal ahmed ahmad ali hassan hussain imran kamran rayan amir arjun aryan
    dev krish rohan harvinder gurpreet jaspreet manpreet priya anika ananya deepa
    """
)

WORD_NAMES = _words(
    """
    will may june april august summer autumn grace hope rose joy faith ivy lily daisy
    poppy holly ruby amber jade heather iris violet pearl dawn sky skye storm mark bill
    pat sue max frank rich ray chase hunter miles art bob rob dean gene sunny crystal
    destiny harmony melody honey angel star cherry robin penny patience mercy nick drew
    don carol sandy rusty ginger olive hazel fern ebony eve bonnie guy jay kit mo dot
    liberty river phoenix sage reed grant dale glen wade rod cliff basil norman chelsea
    india willow harley jasper rocky buster lee
    """
)

SURNAMES = _words(
    """
    smith jones williams taylor davies evans wilson thomas johnson roberts robinson
    thompson wright walker edwards hughes lewis harris clarke clark patel jackson turner
    martin cooper ward morris moore harrison morgan allen james scott phillips watson
    davis parker bennett griffiths mitchell kelly richardson bailey collins murphy miller
    richards khan marshall anderson simpson ellis adams singh begum ali hussain ahmed
    rahman islam chowdhury kaur sharma kumar shah mahmood iqbal akhtar nguyen o'brien
    o'connor mcdonald macdonald campbell stewart murray reid kennedy hamilton fraser ross
    paterson johnston henderson webb palmer holmes lloyd barker rogers stevens dixon
    hudson jenkins lawrence owen powell chapman gibson watts dawson pearson lowe atkinson
    hussein malik mirza sheikh qureshi akram kowalski nowak wojcik
    """
)

TITLES = _words("mr mrs ms mx dr miss")

RELATIONS = _words(
    """
    mum mummy mom mam mother dad daddy father brother sister bro sis stepdad stepmum
    nan nana nanna gran granny grandma grandad grandpa auntie aunty aunt uncle cousin
    friend bestie boyfriend girlfriend bf gf partner husband wife ex son daughter
    teacher tutor worker sw carer keyworker neighbour coach counsellor nurse doctor
    """
)

COMMON_WORDS = _words(
    """
    i me my mine we us our you your he him his she her they them their it its a an the
    and or but if so not no yes yeah to of in on at by for with from up down out off over
    under about into onto than then there here when where why how what who which that
    this these those is am are was were be been being have has had do does did done
    would can could should might must shall just very really too also only even still as
    all any some every each both more most much many lot lots ok okay fine good bad well
    happy sad scared angry upset worried anxious nervous lonely safe unsafe sorry glad
    tired bored alright afraid frightened confused stressed hurt sick ill better worse
    great amazing awful horrible annoyed excited proud grateful thankful lucky unhappy
    depressed calm cool nice kind mean rude nasty strict funny weird normal different
    same sure unsure struggling trying going getting feeling doing coming leaving
    living staying waiting working british english scottish welsh irish polish muslim
    christian jewish sikh hindu black white asian mixed gay lesbian bisexual trans
    straight autistic disabled deaf blind young old new little big one two three
    four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen year years age aged now today tomorrow yesterday never always
    sometimes often monday tuesday wednesday thursday friday saturday sunday said says
    told tells asked asks went goes got gets came comes hit hits helped helps help
    love loves hate hates like likes made makes shouted shouts police officer
    social services school primary secondary academy college high junior infant infants
    nursery university council centre center hospital church mosque road street lane
    avenue close drive way park home house family staff head headteacher parents parent
    carers children child kids kid boy girl baby man woman people person everyone
    someone nobody anyone mr mrs ms mx dr miss sir names name myself
    mum mummy mom mam mother dad daddy father brother sister stepdad stepmum nan nana
    gran granny grandma grandad auntie aunty aunt uncle cousin friend friends teacher
    teachers tutor worker carer sw ambulance childline nspcc camhs gp 999 please thanks
    visits visited comes does is was has never helps listens listened hurts took knows
    knew thinks thought wants wanted needs needed lives lived works worked tries tried
    cares cared understands understood calls keeps kept sees saw talks talked speaks
    spoke gives gave shows showed picks picked pushes pushed kicks kicked leaves left
    stays stayed usually also
    """
)
