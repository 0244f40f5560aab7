/// English: travellers and truck drivers on the corridors, and English words in French tweets.
enum LexiconEnglish {
    static let text = """
    not! no! never! nothing! nobody! none! without! hardly! don_t! can_t! won_t! didn! doesn! isn!
    wasn! aren! weren! couldn! wouldn! shouldn! haven! hasn! cant! wont! didnt! doesnt! isnt!
    wasnt! very^1.5 really^1.4 so^1.3 extremely^1.6 totally^1.4 quite^0.9 a_bit^0.6
    slightly^0.6 kind_of^0.7 but| however| although| though|
    reduce% reduced% reduces% prevent% prevents% fight_against% tackle% cut_down% curb% end_to%
    good=1.9 great=2.8 excellent=3 nice=1.8 awesome=2.8 amazing=2.8 perfect=2.8 best=2.8 better=1.3
    fine=1 lovely=2.5 pleasant=2 wonderful=2.8 fantastic=2.8 brilliant=2.5 cute=1.8 beautiful=2.5
    love=2.5 loved=2.5 like=1 liked=1.5 enjoy=2 enjoyed=2 happy=2.3 glad=2 satisfied=2 thanks=1.5
    thank=1.5 thx=1.3 recommend=2 recommended=2 well_done=2.3 congrats=2.5 congratulations=2.5
    wow=1.5 yes=0.5 yay=2 win=1.5 winner=2 proud=2 legend=2 fire=1 goat=2 respect=1.3 support=1.2
    friendly=2@staff helpful=2@staff polite=2@staff welcoming=2@staff kind=1.8@staff rude=-2.5@staff
    quick=1.5@waiting fast=1.5@waiting slow=-1.8@waiting waited=-0.8@waiting waiting=-0.6@waiting
    wait=-0.5@waiting clean=1.8@cleanliness dirty=-2.3@cleanliness filthy=-2.8@cleanliness
    cheap=1.2@price expensive=-1.8@price overpriced=-2.5@price scam=-3@price ripoff=-3@price
    rip_off=-3@price safe=1.5@safety unsafe=-2.3@safety dangerous=-2.5@safety leak=-2@gas_bottle
    leaking=-2@gas_bottle fresh=1.2@quality stale=-1.8@quality out_of_stock=-2@availability
    bad=-2.5 worse=-2.3 worst=-3 awful=-2.8 poor=-2 sad=-2 angry=-2.3
    i_hate=-2.8 hated=-2.8 disappointed=-2.3 disappointing=-2.3 unhappy=-2.3 annoying=-2 problem=-1.5
    broken=-2 useless=-2.2 stupid=-2.3 fake=-1.5 shit=-2.5 fuck=-2 fucking=-1 wtf=-1.5
    sucks=-2.5 damn=-1 ugly=-2 boring=-1.8 sorry=-0.8 fail=-2 failed=-2 liar=-2.5 kill=-2
    killed=-2.3 death=-2.3 dead=-2 war=-2.3 crisis=-2 big_up=2 bigup=2 nice_one=2
    """
}
